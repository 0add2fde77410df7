merge into lake.banking.account_balance_snapshot as tgt
using (
    select b.account_id, b.currency, b.ledger_balance, b.available_balance,
           date '2026-11-22' as snapshot_date
    from core_banking.public.balances b
    join core_banking.public.accounts a on a.account_id = b.account_id
    where a.status = 'OPEN'
) as src
on tgt.account_id = src.account_id and tgt.snapshot_date = src.snapshot_date
when matched then update set
    ledger_balance = src.ledger_balance,
    available_balance = src.available_balance,
    loaded_at = current_timestamp
when not matched then insert
    (account_id, snapshot_date, currency, ledger_balance, available_balance, loaded_at)
values
    (src.account_id, src.snapshot_date, src.currency, src.ledger_balance, src.available_balance, current_timestamp)
