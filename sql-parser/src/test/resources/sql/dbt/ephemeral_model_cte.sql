/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "lakehouse", "target_name": "prod", "node_id": "model.lakehouse.order_revenue"} */
create table "lake"."marts"."order_revenue"
  as (
    with __dbt__cte__stg_payments as (
select
    id as payment_id,
    order_id,
    amount / 100.0 as amount
from "lake"."raw"."payments"
),  payments as (
    select payment_id, order_id, amount from __dbt__cte__stg_payments
)

select order_id, sum(amount) as revenue
from payments
group by order_id
  )
