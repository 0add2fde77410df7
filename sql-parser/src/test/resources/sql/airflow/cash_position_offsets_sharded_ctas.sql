-- dag_id=banking_cash_positions task_id=shard_emea run_id=manual__2026-11-22T06:00:00
create table lake.banking.cash_position_offsets_emea_manual__2026_11_22T06_00_00 as
select
    t.booking_date as business_date,
    a.account_id,
    a.legal_entity,
    t.currency,
    m.offset_account,
    sum(abs(t.amount)) as gross_amount,
    sum(case when t.direction = 'CR' then t.amount else -t.amount end) as net_amount
from bankteam_app.public.transactions t
join mappingdb.public.account_mapping m
    on m.source_account = t.account_no
join trading_db.public.account a
    on a.account_id = m.target_account_id
where t.booking_date = date '2026-11-22'
  and t.status = 'SETTLED'
  and a.region = 'EMEA'
group by t.booking_date, a.account_id, a.legal_entity, t.currency, m.offset_account
