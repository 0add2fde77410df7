ALTER TABLE lake.sales.orders_new RENAME TO lake.sales.orders_v2
