/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "lakehouse", "target_name": "prod", "node_id": "model.lakehouse.stg_events"} */
create or replace view "lake"."staging"."stg_events"
  security definer
  as
    with source as (
    select * from "lake"."raw"."events"
),

renamed as (
    select
        id as event_id,
        user_id,
        lower(type) as event_type,
        cast(updated_ts as timestamp(6)) as updated_at
    from source
)

select * from renamed
