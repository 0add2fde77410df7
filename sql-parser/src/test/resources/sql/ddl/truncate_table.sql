TRUNCATE TABLE lake.sales.orders_staging
