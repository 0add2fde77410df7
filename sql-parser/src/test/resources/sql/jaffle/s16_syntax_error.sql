SELEC id, first_name FROM customersdb.public.customers
