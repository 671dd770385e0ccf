/** Use cases for operators and dashboards: queue health and dead letters, the CRM at a glance. */
package io.minicrm.application.ops;
