USE customersdb.public
