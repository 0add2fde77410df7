WITH RECURSIVE org (employee_id, manager_id, depth) AS (
    SELECT id, manager_id, 0
    FROM hr.public.employees
    WHERE manager_id IS NULL
    UNION ALL
    SELECT e.id, e.manager_id, org.depth + 1
    FROM hr.public.employees e
    JOIN org ON e.manager_id = org.employee_id
)
SELECT employee_id, depth
FROM org
