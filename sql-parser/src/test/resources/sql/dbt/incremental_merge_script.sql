/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "lakehouse", "target_name": "prod", "node_id": "model.lakehouse.fct_orders"} */
create or replace view "lake"."marts"."fct_orders__dbt_tmp" as (
    select order_id, status, amount, updated_at
    from "lake"."staging"."stg_orders"
    where updated_at > (select max(updated_at) from "lake"."marts"."fct_orders")
);

merge into "lake"."marts"."fct_orders" as DBT_INTERNAL_DEST
    using "lake"."marts"."fct_orders__dbt_tmp" as DBT_INTERNAL_SOURCE
    on (DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id)
    when matched then update set
        "status" = DBT_INTERNAL_SOURCE."status",
        "amount" = DBT_INTERNAL_SOURCE."amount",
        "updated_at" = DBT_INTERNAL_SOURCE."updated_at"
    when not matched then insert ("order_id", "status", "amount", "updated_at")
    values (DBT_INTERNAL_SOURCE."order_id", DBT_INTERNAL_SOURCE."status", DBT_INTERNAL_SOURCE."amount", DBT_INTERNAL_SOURCE."updated_at");

drop view if exists "lake"."marts"."fct_orders__dbt_tmp";
