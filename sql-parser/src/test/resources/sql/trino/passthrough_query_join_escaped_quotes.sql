SELECT *
FROM TABLE(
    crm.system.query(
        query => 'SELECT a.id, a.name, o.total FROM sales.accounts a JOIN sales.opportunities o ON o.account_id = a.id WHERE o.stage = ''closed_won'''
    )
)
