/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "lakehouse", "target_name": "prod", "node_id": "test.lakehouse.not_null_fct_orders_order_id.5b2e3c"} */
select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    select order_id
from "lake"."marts"."fct_orders"
where order_id is null


      
    ) dbt_internal_test
