package io.switchboard.campaign.campaign;

public enum Direction {
    INBOUND, OUTBOUND
}
