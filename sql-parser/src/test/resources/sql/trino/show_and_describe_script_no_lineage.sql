SHOW TABLES FROM iceberg.raw LIKE 'ord%';
SHOW COLUMNS FROM iceberg.raw.orders;
SHOW CREATE TABLE iceberg.raw.orders;
DESCRIBE iceberg.raw.customers
