SELECT id, amount FROM paymentsdb.public.payments;
-- end of script; SELECT * FROM fake.schema.table
