SELECT * FROM TABLE(postgres.system.query(query => 'SELECT * FROM public.orders'))
