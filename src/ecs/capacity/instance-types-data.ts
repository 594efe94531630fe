/**
 * The built-in EC2 instance types: facts (numbers) gathered from public sources, one row per
 * type. instance-types.ts turns the rows into InstanceTypeSpec records and holds the models.
 *
 * Sources, per column (commits are the versions read; "UNCONFIRMED" marks values no AWS text
 * confirmed):
 *
 * - vCPU, MiB (`VCpuInfo.DefaultVCpus`, `MemoryInfo.SizeInMiB`): EC2 User Guide, "Hardware
 *   specifications" tables, https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/general-purpose-instances.html
 *   (and compute-optimized-instances, memory-optimized-instances), read in
 *   awsdocs/amazon-ec2-user-guide doc_source/*.md @d289961421fa79447add68ca26e3ec5ae96fdf41
 *   (2023-05-11). GiB × 1024 = MiB. The m7i rows are UNCONFIRMED: m7i launched after that
 *   archive (2023-08); their 2/8, 4/16, 8/32, 16/64 (vCPU/GiB) come from a third-party table
 *   generated from DescribeInstanceTypes (constallationlib/constallation-ec2_instance_types
 *   m7i.py @650ad13478640f220905f0fb7212f59f7f325b98) and match the M family's 4 GiB per vCPU.
 * - arch (`ecs.cpu-architecture`, ecs-facts T-083): arm64 for the AWS Graviton types (a1, and the
 *   families with a "g": m6g, m7g, c6g, c7g, r6g, t4g), as the EC2 User Guide pages above say;
 *   x86_64 for the rest.
 * - hypervisor (`Hypervisor`): aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go
 *   (`HypervisorType`) @b52188387f2e2f10bf289ace929d6a63b176a4fa. Only m4.large is Xen.
 * - ENIs (`NetworkInfo.MaximumNetworkInterfaces`): EC2 User Guide, "IP addresses per network
 *   interface per instance type", https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html#AvailableIpPerENI
 *   (doc_source/using-eni.md @d289961421fa79447add68ca26e3ec5ae96fdf41), cross-checked against
 *   `ENILimit` in the amazon-vpc-cni-k8s file above (generated from DescribeInstanceTypes): the
 *   two agree on every type both list. The m7i values are from amazon-vpc-cni-k8s only.
 * - trunk tasks: the ECS Developer Guide's table of instance types that support awsvpcTrunking,
 *   column "Task limit with ENI trunking",
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html#eni-trunking-supported-instance-types
 *   (awsdocs/amazon-ecs-developer-guide doc_source/container-instance-eni.md
 *   @a35b7671c57ce34babc04525a1d7b16fd4c9a8c6, 2023-04-18, identical at 3aef75951783, the commit
 *   ecs-facts cites). The page says: for the ENI limit, add two (primary + trunk ENI) to this
 *   figure; its "Task limit without ENI trunking" column is ENIs − 1 for every row here.
 *   `null` = not in that table: t3, t3a, t4g and m4 are not supported; m7i launched after the
 *   archived table, so its support is UNCONFIRMED and left out (a scenario can add it).
 *   For the ECS examples in ecs-facts T-081 (c5.large, m5.large, m5.xlarge, m5.24xlarge,
 *   a1.medium, c6g.medium) every source above agrees with T-081.
 * - BR overhead bytes: advertised memory minus the node's memory capacity (Linux MemTotal) as
 *   measured by Karpenter on Bottlerocket, aws/karpenter-provider-aws
 *   pkg/providers/instancetype/zz_generated.memory_overhead.go @15e87699c9922be5431e71225f54e6716fa48428
 *   (generator: hack/code/memory_overhead_gen.go, which launches each type with the Bottlerocket
 *   AMI and reads `node.status.capacity.memory`). instance-types.ts turns it into an Amazon Linux
 *   estimate (see `BOTTLEROCKET_EXTRA_OVERHEAD_MIB` there). `null` = no usable measurement: the
 *   file lists t4g.nano with its whole memory as overhead (apparently a failed launch) and has no m7i;
 *   r6g.4xlarge (listed the same way) uses the r6gd.4xlarge figure, the same
 *   hardware plus a local disk (every other r6g/r6gd and c6g/c6gd pair there is identical).
 *   m4.large is `null` because an observed ECS value replaces it (MEM_TOTAL_OBSERVED below).
 */
/** The values of the ECS attribute `ecs.cpu-architecture` (ecs-facts T-083). */
export type InstanceCpuArchitecture = 'x86_64' | 'arm64';
/** `Hypervisor` in EC2 DescribeInstanceTypes. It picks the memory model's parameters. */
export type Hypervisor = 'nitro' | 'xen';

/** One source row: see the header for what each column is and where it comes from. */
export type InstanceTypeRow = readonly [
  instanceType: string,
  vCpus: number,
  memorySizeInMiB: number,
  cpuArchitecture: InstanceCpuArchitecture,
  hypervisor: Hypervisor,
  maximumNetworkInterfaces: number,
  trunkTaskLimit: number | null,
  bottlerocketOverheadBytes: number | null,
];

const X86 = 'x86_64';
const ARM = 'arm64';
const NITRO = 'nitro';
const XEN = 'xen';

export const INSTANCE_TYPE_ROWS: readonly InstanceTypeRow[] = [
  //  type           vCPU      MiB  arch  hypervisor  ENIs  trunk tasks  BR overhead bytes
  ['t3.nano',         2,     512, X86, NITRO,  2, null,     92_966_912],
  ['t3.micro',        2,    1024, X86, NITRO,  2, null,    108_433_408],
  ['t3.small',        2,    2048, X86, NITRO,  3, null,    137_269_248],
  ['t3.medium',       2,    4096, X86, NITRO,  3, null,    264_945_664],
  ['t3.large',        2,    8192, X86, NITRO,  3, null,    382_386_176],
  ['t3.xlarge',       4,   16384, X86, NITRO,  4, null,    617_746_432],
  ['t3.2xlarge',      8,   32768, X86, NITRO,  4, null,  1_088_487_424],
  ['t3a.nano',        2,     512, X86, NITRO,  2, null,     90_869_760],
  ['t3a.micro',       2,    1024, X86, NITRO,  2, null,    104_239_104],
  ['t3a.small',       2,    2048, X86, NITRO,  2, null,    130_977_792],
  ['t3a.medium',      2,    4096, X86, NITRO,  3, null,    252_362_752],
  ['t3a.large',       2,    8192, X86, NITRO,  3, null,    359_317_504],
  ['t3a.xlarge',      4,   16384, X86, NITRO,  4, null,    571_609_088],
  ['t3a.2xlarge',     8,   32768, X86, NITRO,  4, null,    998_309_888],
  ['t4g.nano',        2,     512, ARM, NITRO,  2, null,           null],
  ['t4g.micro',       2,    1024, ARM, NITRO,  2, null,    107_393_024],
  ['t4g.small',       2,    2048, ARM, NITRO,  3, null,    206_204_928],
  ['t4g.medium',      2,    4096, ARM, NITRO,  3, null,    268_038_144],
  ['t4g.large',       2,    8192, ARM, NITRO,  3, null,    391_708_672],
  ['t4g.xlarge',      4,   16384, ARM, NITRO,  4, null,    637_181_952],
  ['t4g.2xlarge',     8,   32768, ARM, NITRO,  4, null,  1_130_233_856],
  ['m4.large',        2,    8192, X86, XEN,    2, null,           null],
  ['m5.large',        2,    8192, X86, NITRO,  3,   10,    585_805_824],
  ['m5.xlarge',       4,   16384, X86, NITRO,  4,   20,    909_246_464],
  ['m5.2xlarge',      8,   32768, X86, NITRO,  4,   40,  1_203_826_688],
  ['m5.4xlarge',     16,   65536, X86, NITRO,  8,   60,  2_849_939_456],
  ['m5.24xlarge',    96,  393216, X86, NITRO, 15,  120, 11_086_274_560],
  ['m6i.large',       2,    8192, X86, NITRO,  3,   10,    424_321_024],
  ['m6i.xlarge',      4,   16384, X86, NITRO,  4,   20,    703_729_664],
  ['m6i.2xlarge',     8,   32768, X86, NITRO,  4,   40,  1_262_546_944],
  ['m6i.4xlarge',    16,   65536, X86, NITRO,  8,   60,  2_380_177_408],
  ['m7i.large',       2,    8192, X86, NITRO,  3, null,           null],
  ['m7i.xlarge',      4,   16384, X86, NITRO,  4, null,           null],
  ['m7i.2xlarge',     8,   32768, X86, NITRO,  4, null,           null],
  ['m7i.4xlarge',    16,   65536, X86, NITRO,  8, null,           null],
  ['m6g.medium',      1,    4096, ARM, NITRO,  2,    4,    309_780_480],
  ['m6g.large',       2,    8192, ARM, NITRO,  3,   10,    473_333_760],
  ['m6g.xlarge',      4,   16384, ARM, NITRO,  4,   20,    802_529_280],
  ['m6g.2xlarge',     8,   32768, ARM, NITRO,  4,   40,  1_458_831_360],
  ['m6g.4xlarge',    16,   65536, ARM, NITRO,  8,   60,  2_773_532_672],
  ['m7g.medium',      1,    4096, ARM, NITRO,  2,    4,    293_036_032],
  ['m7g.large',       2,    8192, ARM, NITRO,  3,   10,    439_844_864],
  ['m7g.xlarge',      4,   16384, ARM, NITRO,  4,   20,    735_551_488],
  ['m7g.2xlarge',     8,   32768, ARM, NITRO,  4,   40,  1_326_972_928],
  ['m7g.4xlarge',    16,   65536, ARM, NITRO,  8,   60,  2_509_815_808],
  ['a1.medium',       1,    2048, ARM, NITRO,  2,   10,    252_067_840],
  ['c5.large',        2,    4096, X86, NITRO,  3,   10,    453_677_056],
  ['c5.xlarge',       4,    8192, X86, NITRO,  4,   20,    586_280_960],
  ['c5.2xlarge',      8,   16384, X86, NITRO,  4,   40,    910_217_216],
  ['c5.4xlarge',     16,   32768, X86, NITRO,  8,   60,  1_558_085_632],
  ['c6i.large',       2,    4096, X86, NITRO,  3,   10,    285_917_184],
  ['c6i.xlarge',      4,    8192, X86, NITRO,  4,   20,    424_804_352],
  ['c6i.2xlarge',     8,   16384, X86, NITRO,  4,   40,    704_696_320],
  ['c6i.4xlarge',    16,   32768, X86, NITRO,  8,   60,  1_264_484_352],
  ['c6g.medium',      1,    2048, ARM, NITRO,  2,    4,    218_644_480],
  ['c6g.large',       2,    4096, ARM, NITRO,  3,   10,    293_154_816],
  ['c6g.xlarge',      4,    8192, ARM, NITRO,  4,   20,    440_082_432],
  ['c6g.2xlarge',     8,   16384, ARM, NITRO,  4,   40,    736_026_624],
  ['c6g.4xlarge',    16,   32768, ARM, NITRO,  8,   60,  1_327_923_200],
  ['c7g.medium',      1,    2048, ARM, NITRO,  2,    4,    218_644_480],
  ['c7g.large',       2,    4096, ARM, NITRO,  3,   10,    293_154_816],
  ['c7g.xlarge',      4,    8192, ARM, NITRO,  4,   20,    440_082_432],
  ['c7g.2xlarge',     8,   16384, ARM, NITRO,  4,   40,    736_026_624],
  ['c7g.4xlarge',    16,   32768, ARM, NITRO,  8,   60,  1_327_923_200],
  ['r5.large',        2,   16384, X86, NITRO,  3,   10,    732_602_368],
  ['r5.xlarge',       4,   32768, X86, NITRO,  4,   20,  1_202_855_936],
  ['r5.2xlarge',      8,   65536, X86, NITRO,  4,   40,  2_143_367_168],
  ['r5.4xlarge',     16,  131072, X86, NITRO,  8,   60,  3_923_714_048],
  ['r6i.large',       2,   16384, X86, NITRO,  3,   10,    703_246_336],
  ['r6i.xlarge',      4,   32768, X86, NITRO,  4,   20,  1_261_580_288],
  ['r6i.2xlarge',     8,   65536, X86, NITRO,  4,   40,  2_378_240_000],
  ['r6i.4xlarge',    16,  131072, X86, NITRO,  8,   60,  4_510_916_608],
  ['r6g.medium',      1,    8192, ARM, NITRO,  2,    4,    391_589_888],
  ['r6g.large',       2,   16384, ARM, NITRO,  3,   10,    636_944_384],
  ['r6g.xlarge',      4,   32768, ARM, NITRO,  4,   20,  1_129_758_720],
  ['r6g.2xlarge',     8,   65536, ARM, NITRO,  4,   40,  2_113_294_336],
  ['r6g.4xlarge',    16,  131072, ARM, NITRO,  8,   60,  3_981_787_136],
  // GPU types (GPUS below). vCPU, MiB and GPUs: ecs-facts T-115. ENIs: UNCONFIRMED (from
  // memory of DescribeInstanceTypes; a scenario can override maxEnis). Not in the ECS trunking
  // table read above, and no Bottlerocket measurement: null, null.
  ['g4dn.xlarge',     4,   16384, X86, NITRO,  3, null,           null],
  ['g4dn.2xlarge',    8,   32768, X86, NITRO,  3, null,           null],
  ['g4dn.4xlarge',   16,   65536, X86, NITRO,  3, null,           null],
  ['g4dn.12xlarge',  48,  196608, X86, NITRO,  8, null,           null],
  ['g4dn.metal',     96,  393216, X86, NITRO, 15, null,           null],
  ['g5.xlarge',       4,   16384, X86, NITRO,  4, null,           null],
  ['g5.2xlarge',      8,   32768, X86, NITRO,  4, null,           null],
  ['g5.12xlarge',    48,  196608, X86, NITRO, 15, null,           null],
  ['g5.48xlarge',   192,  786432, X86, NITRO,  7, null,           null],
  ['g6.xlarge',       4,   16384, X86, NITRO,  4, null,           null],
  ['g6.12xlarge',    48,  196608, X86, NITRO,  8, null,           null],
  ['g6.48xlarge',   192,  786432, X86, NITRO, 15, null,           null],
  ['p3.2xlarge',      8,   62464, X86, NITRO,  4, null,           null],
  ['p3.8xlarge',     32,  249856, X86, NITRO,  8, null,           null],
  ['p3.16xlarge',    64,  499712, X86, NITRO,  8, null,           null],
  ['p4d.24xlarge',   96, 1179648, X86, NITRO, 60, null,           null],
  ['p5.48xlarge',   192, 2097152, X86, NITRO, 64, null,           null],
];

/**
 * NVIDIA GPUs per instance (`GpuInfo.Gpus[].Count`), ecs-facts T-115: the agent registers
 * one GPU resource per GPU (T-116). g4dn T4, g5 A10G, g6 L4, p3 V100, p4d A100, p5 H100.
 */
export const GPUS: Readonly<Record<string, number>> = {
  'g4dn.xlarge': 1, 'g4dn.2xlarge': 1, 'g4dn.4xlarge': 1, 'g4dn.12xlarge': 4, 'g4dn.metal': 8,
  'g5.xlarge': 1, 'g5.2xlarge': 1, 'g5.12xlarge': 4, 'g5.48xlarge': 8,
  'g6.xlarge': 1, 'g6.12xlarge': 4, 'g6.48xlarge': 8,
  'p3.2xlarge': 1, 'p3.8xlarge': 4, 'p3.16xlarge': 8,
  'p4d.24xlarge': 8,
  'p5.48xlarge': 8,
};

/**
 * MemTotal (MiB) the agent read on real ECS container instances, where AWS published it. These
 * replace the model. m4.large: 8373026816 bytes on the ECS-optimized Amazon Linux AMI (7985
 * MiB) and 8589524992 bytes on the ECS-optimized Windows AMI (8191 MiB); ecs-facts T-070, from
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html
 * (doc_source/memory-management.md @3aef75951783aa0f626d092f57ff5c4c16ccd534).
 */
export const MEM_TOTAL_OBSERVED: Readonly<Record<string, { readonly linux?: number; readonly windows?: number }>> = {
  'm4.large': { linux: 7985, windows: 8191 },
};
