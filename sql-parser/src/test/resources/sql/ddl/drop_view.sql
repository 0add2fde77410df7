DROP VIEW lake.sales.v_open_orders
