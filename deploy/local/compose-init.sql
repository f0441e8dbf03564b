CREATE DATABASE pantau_request;
CREATE DATABASE pantau_survey;
CREATE DATABASE pantau_evaluation;
-- The services run as this role (see deploy/local/create-databases.js); the password is the compose demo's only.
CREATE ROLE pantau_app LOGIN PASSWORD 'pantau_app';
