/* {"app": "dbt", "node_id": "model.shop.orders"} */
CREATE TABLE t AS SELECT 1
