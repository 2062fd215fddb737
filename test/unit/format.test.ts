/**
 * The one formatting module: every figure a person reads goes through it, so its rules are
 * pinned here digit by digit (rounding half away from zero on the written decimal, the true
 * minus sign, whole percentages, whole people).
 */
import * as assert from 'node:assert/strict';
import { formatCount, formatDecimal, formatGap, formatLift, formatOf, formatPeople, formatSentiment, formatShare, formatSilhouette, formatSigned, roundHalfAway } from '../../src/core/format';

describe('format', () => {
  it('rounds half away from zero on the decimal a person reads', () => {
    assert.equal(roundHalfAway(-0.75, 1), -0.8);
    assert.equal(roundHalfAway(0.75, 1), 0.8);
    assert.equal(roundHalfAway(0.15, 1), 0.2); // stored as 0.1499…
    assert.equal(roundHalfAway(1.005, 2), 1.01);
    assert.equal(roundHalfAway(2.5), 3);
    assert.equal(roundHalfAway(-2.5), -3);
    assert.equal(roundHalfAway(-0.04, 1), 0);
    assert.ok(Object.is(roundHalfAway(-0.04, 1), 0), 'no negative zero');
  });

  it('writes sentiment and differences with a sign and a true minus', () => {
    assert.equal(formatSentiment(-0.75), '\u22120.8');
    assert.equal(formatSentiment(1 / 3), '+0.3');
    assert.equal(formatSentiment(0), '0.0');
    assert.equal(formatSentiment(-0.04), '0.0');
    assert.equal(formatSigned(2, 0), '+2');
    assert.equal(formatDecimal(-1.25, 1), '\u22121.3');
    assert.equal(formatLift(2.35), '×2.4');
  });

  it('writes shares as whole percentages, never "0%" for a share above zero', () => {
    assert.equal(formatShare(0.3), '30%');
    assert.equal(formatShare(0.125), '13%');
    assert.equal(formatShare(0.004), '<1%');
    assert.equal(formatShare(0), '0%');
    assert.equal(formatShare(1), '100%');
    assert.equal(formatShare(1 / 3), '33%');
    // With decimals where a reader compares close figures (agreement between coders).
    assert.equal(formatShare(0.875, 1), '87.5%');
    assert.equal(formatShare(0.12345, 1), '12.3%');
    assert.equal(formatShare(0.0004, 1), '<0.1%');
    assert.equal(formatShare(0, 1), '0.0%');
  });

  it('writes silhouettes with two decimals and a true minus', () => {
    assert.equal(formatSilhouette(0.4249), '0.42');
    assert.equal(formatSilhouette(-0.045), '\u22120.05');
    assert.equal(formatSilhouette(-0.004), '0.00');
  });

  it('writes gaps in whole people', () => {
    assert.equal(formatGap(-2), '2 short');
    assert.equal(formatGap(1), '1 over');
    assert.equal(formatGap(0), 'on target');
    assert.equal(formatGap(-0.8), '1 short');
    assert.equal(formatGap(0.4), 'on target');
  });

  it('counts people and things', () => {
    assert.equal(formatCount(1, 'participant'), '1 participant');
    assert.equal(formatCount(3, 'participant'), '3 participants');
    assert.equal(formatPeople(1), '1 person');
    assert.equal(formatPeople(2), '2 people');
    assert.equal(formatOf(3, 12), '3 of 12');
  });
});
