USE iceberg.raw;
SET SESSION query_max_run_time = '2h';
SET SESSION iceberg.compression_codec = 'ZSTD';
RESET SESSION query_max_run_time;
START TRANSACTION READ WRITE;
COMMIT
