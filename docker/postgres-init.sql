-- One database per service (docker compose); the embedded suite creates the same ones itself.
CREATE DATABASE organization;
CREATE DATABASE checklist;
CREATE DATABASE rectification;
CREATE DATABASE reporting;
