ALTER TABLE lake.sales.orders ALTER COLUMN amount SET DATA TYPE decimal(18, 2)
