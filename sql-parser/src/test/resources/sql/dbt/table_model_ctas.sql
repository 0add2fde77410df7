/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "lakehouse", "target_name": "prod", "node_id": "model.lakehouse.dim_users"} */
create table "lake"."marts"."dim_users"
  as (
    select
        u.user_id,
        u.email,
        coalesce(p.plan_name, 'free') as plan_name,
        u.created_at as signed_up_at
    from "lake"."staging"."stg_users" u
    left join "lake"."staging"."stg_subscriptions" p
        on p.user_id = u.user_id and p.is_current
  )
