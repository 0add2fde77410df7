/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "lakehouse", "target_name": "prod", "node_id": "model.lakehouse.fct_events"} */
insert into "lake"."marts"."fct_events" ("event_id", "user_id", "event_type", "updated_at")
(
    select event_id, user_id, event_type, updated_at
    from "lake"."staging"."stg_events"
    where updated_at > (select max(updated_at) from "lake"."marts"."fct_events")
)
