CREATE EXTERNAL TABLE IF NOT EXISTS raw.web_logs (
    ts string,
    url string,
    status int
)
PARTITIONED BY (dt string)
STORED AS TEXTFILE
LOCATION 'hdfs:///data/web_logs'
