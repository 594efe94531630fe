import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESERVED_PORTS,
  DEFAULT_RESERVED_PORTS_LINUX,
  DEFAULT_RESERVED_PORTS_UDP,
  DEFAULT_RESERVED_PORTS_WINDOWS,
} from '../../../src/ecs/capacity/instance-types.js';

// ecs-facts T-071.
describe('default ECS_RESERVED_PORTS', () => {
  it('are SSH, Docker and the agent introspection ports on Linux', () => {
    expect(DEFAULT_RESERVED_PORTS_LINUX).toEqual([22, 2375, 2376, 51678, 51679]);
  });

  it('add DNS, RPC, NetBIOS, SMB, RDP and WinRM on Windows', () => {
    expect(DEFAULT_RESERVED_PORTS_WINDOWS).toEqual([53, 135, 139, 445, 2375, 2376, 3389, 5985, 5986, 51678, 51679]);
  });

  it('reserve no UDP ports', () => {
    expect(DEFAULT_RESERVED_PORTS_UDP).toEqual([]);
  });

  it('are looked up by ecs.os-type and cannot be changed', () => {
    expect(DEFAULT_RESERVED_PORTS.linux).toBe(DEFAULT_RESERVED_PORTS_LINUX);
    expect(DEFAULT_RESERVED_PORTS.windows).toBe(DEFAULT_RESERVED_PORTS_WINDOWS);
    expect(Object.isFrozen(DEFAULT_RESERVED_PORTS_LINUX)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RESERVED_PORTS)).toBe(true);
  });
});
