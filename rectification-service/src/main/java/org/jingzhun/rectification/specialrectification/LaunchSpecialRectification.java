package org.jingzhun.rectification.specialrectification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record LaunchSpecialRectification(@TargetAggregateIdentifier String specialRectificationId, String campaignId,
                                  String title, String scope, String organizationId) {
}
