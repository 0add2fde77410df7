/* {"app": "dbt", "dbt_version": "1.7.4", "profile_name": "trino", "target_name": "prod", "node_id": "model.jaffle_shop.stg_orders"} */
create table "insights"."default"."stg_orders__dbt_tmp"
  as (
    select
        id as order_id,
        customer_id,
        order_date,
        status
    from "ordersdb"."public"."orders"
  )
