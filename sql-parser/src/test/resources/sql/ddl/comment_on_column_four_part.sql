COMMENT ON COLUMN lake.sales.orders.amount IS 'Gross amount in EUR'
