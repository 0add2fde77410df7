delete from lake.banking.gl_daily_balances where business_date = date '2026-11-22';
insert into lake.banking.gl_daily_balances (business_date, gl_account, currency, balance)
select date '2026-11-22', j.gl_account, j.currency, sum(j.debit - j.credit)
from ledger_db.public.journal_lines j
where j.posting_date <= date '2026-11-22'
group by j.gl_account, j.currency;
