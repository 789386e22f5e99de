-- PIPL: the customer information supervisor anonymises customers at the end of retention.
UPDATE roles SET permissions = permissions || ' customer.erase', version = version + 1
    WHERE code = 'customer_info_supervisor' AND ' ' || permissions || ' ' NOT LIKE '% customer.erase %';
