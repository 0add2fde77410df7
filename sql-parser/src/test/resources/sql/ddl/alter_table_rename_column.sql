ALTER TABLE lake.sales.customers RENAME COLUMN email_address TO email
