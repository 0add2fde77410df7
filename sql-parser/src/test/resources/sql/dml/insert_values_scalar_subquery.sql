INSERT INTO lake.sales.load_watermarks (table_name, high_watermark, loaded_at)
VALUES ('orders', (SELECT max(updated_at) FROM lake.sales.orders), current_timestamp)
