/** Campaigns (主题教育): launched for a period of local dates. */
package org.jingzhun.organization.campaign;
