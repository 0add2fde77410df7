UPDATE public.employees AS e
SET manager_name = m.full_name
FROM public.employees AS m
WHERE m.id = e.manager_id
