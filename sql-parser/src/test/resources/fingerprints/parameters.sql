$1 + :name ? @var
