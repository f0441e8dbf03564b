CREATE DATABASE pantau_request;
CREATE DATABASE pantau_survey;
CREATE DATABASE pantau_evaluation;
