COMMENT ON TABLE lake.sales.orders IS 'One row per order; loaded FROM shop.orders nightly'
