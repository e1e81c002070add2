package io.marginscope.risk;

/**
 * A position's share of the book's risk (Euler allocation: components add up to the total).
 *
 * @param id             the position id
 * @param componentVar   USD; the components of all positions sum to VaR
 * @param componentEs    USD; the components of all positions sum to ES
 * @param marginalVar    dVaR/dQuantity, USD per coin
 * @param incrementalVar VaR of the book minus VaR of the book without this position, USD
 */
public record PositionRisk(String id, double componentVar, double componentEs, double marginalVar,
                           double incrementalVar) {
}
