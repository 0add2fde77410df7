SELECT id,
       'select * from fake.table' AS example_query,
       replace(note, 'FROM staging.tmp', '') AS cleaned_note
FROM customersdb.public.support_tickets
WHERE subject LIKE '%join secret.schema.table%'
