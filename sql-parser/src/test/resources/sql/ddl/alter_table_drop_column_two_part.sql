ALTER TABLE sales.orders DROP COLUMN legacy_flag
