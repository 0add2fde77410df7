MERGE INTO lake.sales.account_balances t
USING lake.staging.balance_feed s
ON t.account_id = s.account_id
WHEN MATCHED THEN
    UPDATE SET balance = s.closing_balance, as_of = s.business_date
