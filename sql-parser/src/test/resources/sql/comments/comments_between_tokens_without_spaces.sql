SELECT/* cols */id,/* next */email FROM/* src: fake.public.src */customersdb.public.customers/* tail */WHERE--where: fake.public.filter
id > 10
