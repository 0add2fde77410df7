-- a migration; comments and 'strings; with semicolons' do not split statements
ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;
alter table if exists PaymentsDB.Public.Payments drop column if exists "Method";
ALTER TABLE customersdb.public.customers RENAME COLUMN first_name TO given_name;
/* type */ ALTER TABLE paymentsdb.public.payments ALTER COLUMN amount SET DATA TYPE DECIMAL( 14 ,2 );
ALTER TABLE paymentsdb.public.payments ALTER COLUMN id TYPE bigint;
DROP TABLE IF EXISTS ordersdb.public.orders;
DROP VIEW insights.default.stg_orders;
ALTER TABLE insights.default.fct_orders RENAME TO insights.default.fact_orders;
