-- The apps create one front-end database per department at migration time.
CREATE USER IF NOT EXISTS 'sim'@'%' IDENTIFIED BY 'sim';
GRANT ALL PRIVILEGES ON *.* TO 'sim'@'%';
FLUSH PRIVILEGES;
