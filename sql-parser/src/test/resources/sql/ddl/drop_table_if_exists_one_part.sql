DROP TABLE IF EXISTS orders_staging
