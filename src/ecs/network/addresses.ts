/**
 * Private IPv4 addresses, as the VPC hands them out: one subnet per Availability Zone
 * (10.0.0.0/20, 10.0.16.0/20, ... in the order the scenario first names the zones), the
 * first four and the last address of each subnet reserved as AWS reserves them. Instances
 * and awsvpc task ENIs draw from the same subnet, in creation order, so addresses are
 * deterministic and never reused within a run (a load balancer that still holds a stopped
 * task's address then finds nothing listening there, as it would in a VPC).
 */
export class AddressPool {
  private readonly subnets = new Map<string, { readonly base: number; next: number }>();

  /** The zone whose subnet holds `address`, if any. */
  zoneOf(address: string): string | undefined {
    const parts = address.split('.').map(Number);
    if (parts.length !== 4) return undefined;
    const value = ((parts[0] as number) << 24) + ((parts[1] as number) << 16) + ((parts[2] as number) << 8) + (parts[3] as number);
    for (const [zone, subnet] of this.subnets) if (value - subnet.base >= 0 && value - subnet.base < SUBNET_SIZE) return zone;
    return undefined;
  }

  /** The next free address in the zone's subnet. */
  next(availabilityZone: string): string {
    let subnet = this.subnets.get(availabilityZone);
    if (subnet === undefined) {
      subnet = { base: (10 << 24) + (this.subnets.size << 12), next: RESERVED_AT_START };
      this.subnets.set(availabilityZone, subnet);
    }
    if (subnet.next >= SUBNET_SIZE - 1) throw new Error(`subnet of ${availabilityZone} is out of addresses (${SUBNET_SIZE - RESERVED_AT_START - 1})`);
    const address = subnet.base + subnet.next;
    subnet.next += 1;
    return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
  }
}

/** A /20 per zone: 4,096 addresses, 4,091 usable. */
const SUBNET_SIZE = 4096;
/** AWS reserves the network address, the VPC router, DNS and one for future use. */
const RESERVED_AT_START = 4;
