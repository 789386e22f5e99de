-- Issue 3 gave the built-in roles new permissions (domain/organization.cpp, DefaultRoles). The
-- roles of organisations created before get them here, once: an administrator's later changes
-- stand. Permissions are stored space-separated.
UPDATE roles SET permissions = permissions || ' archive.read', version = version + 1
    WHERE code IN ('general_manager', 'customer_director', 'customer_service_manager', 'supervisor', 'customer_info_supervisor', 'info_specialist', 'sales_director', 'sales_consultant', 'service_advisor', 'cr_manager', 'cr_specialist', 'customer_resource_director', 'system_admin', 'archive_keeper')
    AND ' ' || permissions || ' ' NOT LIKE '% archive.read %';
UPDATE roles SET permissions = permissions || ' archive.create', version = version + 1
    WHERE code IN ('sales_consultant', 'service_advisor', 'sales_director')
    AND ' ' || permissions || ' ' NOT LIKE '% archive.create %';
UPDATE roles SET permissions = permissions || ' archive.manage', version = version + 1
    WHERE code IN ('archive_keeper')
    AND ' ' || permissions || ' ' NOT LIKE '% archive.manage %';
UPDATE roles SET permissions = permissions || ' archive.confirm', version = version + 1
    WHERE code IN ('sales_director')
    AND ' ' || permissions || ' ' NOT LIKE '% archive.confirm %';
UPDATE roles SET permissions = permissions || ' penalty.read', version = version + 1
    WHERE code IN ('general_manager', 'customer_director', 'customer_service_manager', 'archive_keeper', 'sales_director')
    AND ' ' || permissions || ' ' NOT LIKE '% penalty.read %';
UPDATE roles SET permissions = permissions || ' penalty.decide', version = version + 1
    WHERE code IN ('customer_director')
    AND ' ' || permissions || ' ' NOT LIKE '% penalty.decide %';
