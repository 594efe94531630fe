import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { corpus, corpusText, gpuRequirements, MODELLED, namedUnder, pasted, runFile, silentlyDropped, writeScenario } from './corpus.js';
import { cli } from '../support.js';

// Issue 18: "Real API inputs and CLI outputs load as users paste them, with a warning for what
// is dropped and nothing silently ignored". Every task definition of the corpus (the AWS
// documentation's examples, its template filled in; see the corpus README) is registered
// twice, by file and pasted inline, and every leaf it sets is either read by the model or
// named in the result's ignoredFields or warnings.
const TASK_DEFINITIONS = [
  'td-fargate-webserver.json',
  'td-fargate-windows-iis.json',
  'td-ecr-image-task-role.json',
  'td-entrypoint-ping.json',
  'td-windows-iis-ec2.json',
  'td-gpu.json',
  'td-neuron-inference.json',
  'td-firelens-cloudwatch.json',
  'td-template-filled-ec2.json',
  'td-describe-output-with-tags.json',
  'td-console-export-with-nulls.json',
];

const scenario = (entry: string): string => `name: corpus
until: 1m
ecs:
  taskDefinitions:
    - ${entry}
`;

/** The document's own fields (a describe output's taskDefinition) and how the loader names paths in it. */
function documentOf(doc: unknown): { inner: unknown; tags: unknown } {
  const d = doc as Record<string, unknown>;
  return d['taskDefinition'] !== undefined ? { inner: d['taskDefinition'], tags: d['tags'] } : { inner: d, tags: undefined };
}

describe('task definitions from the AWS documentation load as pasted, naming what the model does not read', () => {
  for (const name of TASK_DEFINITIONS) {
    for (const how of ['file', 'definition'] as const) {
      it(`${name} (${how === 'file' ? 'by file' : 'inline'})`, () => {
        const doc = corpus(name);
        const file = how === 'file' ? writeScenario(scenario(`file: ${name}`), [name]) : writeScenario(scenario(`definition: ${pasted(doc, 8)}`));
        const result = runFile(file);
        const at = `ecs.taskDefinitions[0].${how}`;
        const { inner, tags } = documentOf(doc);
        // ignoredFields are relative to the task definition; a describe output's warning names `taskDefinition.x`.
        const named = namedUnder(result, at).map((f) => f.replace(/^taskDefinition\./, ''));
        expect(silentlyDropped(inner, MODELLED.taskDefinition, named, gpuRequirements(inner))).toEqual([]);
        if (Array.isArray(tags) && tags.length > 0) expect(named).toContain('tags');
      });
    }
  }

  // The documentation's own examples that real ECS refuses: no task-level memory and a container
  // with neither memory nor memoryReservation (ecs-facts T-058). The refusal is ECS's text, at the container.
  for (const [name, containers] of [
    ['td-container-dependency-appmesh.json', ['app', 'envoy']],
    ['td-efs-volume.json', ['container-using-efs']],
  ] as const) {
    it(`${name} is refused as ECS refuses it, at each container`, async () => {
      const file = writeScenario(scenario(`file: ${name}`), [name]);
      const r = await cli('run', file);
      expect(r.code).toBe(2);
      containers.forEach((c, i) => expect(r.err).toMatch(new RegExp(`${name}:\\d+:\\d+  containerDefinitions\\[${i}\\]: Invalid setting for container '${c}'\\. At least one of 'memory' or 'memoryReservation' must be specified\\.`)));
    });
  }

  it('a file saved with a byte order mark loads: UTF-8 (Notepad) and UTF-16LE (PowerShell 5 redirection)', () => {
    const file = writeScenario(scenario('file: utf8-bom.json\n    - file: utf16.json'));
    const text = corpusText('td-fargate-webserver.json');
    writeFileSync(join(dirname(file), 'utf8-bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    writeFileSync(join(dirname(file), 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('"fargate-task-definition"', '"utf16"'), 'utf16le')]));
    const result = runFile(file);
    expect(result.ignoredFields?.map((f) => f.at)).toEqual(['ecs.taskDefinitions[0].file', 'ecs.taskDefinitions[1].file']);
  });

  it('a published sample with mistakes (aws-samples tomcat_ec2.json) is refused at each mistake ECS or the AWS CLI refuses, at its line and column', async () => {
    const file = writeScenario(scenario('file: td-aws-samples-tomcat-ec2.json'), ['td-aws-samples-tomcat-ec2.json']);
    const sample = join(dirname(file), 'td-aws-samples-tomcat-ec2.json');
    expect((await cli('run', file)).err).toMatch(/td-aws-samples-tomcat-ec2\.json:5:5 {2}not valid JSON: expected "," or "}", found "\\""/);
    // The missing comma added: ECS's own text for the awsvpc port mapping (ecs-facts T-050).
    const fixed = corpusText('td-aws-samples-tomcat-ec2.json').replace('"cpu":"1024"\n', '"cpu":"1024",\n');
    writeFileSync(sample, fixed);
    const refused = await cli('run', file);
    expect(refused.err).toMatch(/td-aws-samples-tomcat-ec2\.json:14:33 {2}containerDefinitions\[0\]\.portMappings\[0\]\.hostPort: When networkMode=awsvpc, the host ports and container ports in port mappings must match\./);
    expect(refused.err.split('\n').filter((l) => l.startsWith('✖'))).toHaveLength(1);
    // The ports made equal, it loads; the repeated key keeps its last value, as the AWS CLI (Python's json) does, and says so.
    writeFileSync(sample, fixed.replace('"hostPort": 80,', '"hostPort": 8080,'));
    const result = runFile(file);
    expect(result.warnings).toContainEqual({
      at: 'ecs.taskDefinitions[0].file',
      message: 'a key is given twice (containerDefinitions[0].logConfiguration.options["awslogs-group"] at 23:21): the last value is kept, as the AWS CLI keeps it',
      fields: ['containerDefinitions[0].logConfiguration.options["awslogs-group"]'],
    });
  });

  it('the unfilled template (register-task-definition --generate-cli-skeleton) is refused at its empty values, in its own file', async () => {
    const r = await cli('run', writeScenario(scenario('file: td-template-unfilled.json'), ['td-template-unfilled.json']));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/td-template-unfilled\.json:224:12 {2}cpu: Invalid 'cpu' setting for task\. .*got ""\./);
    expect(r.err).toMatch(/td-template-unfilled\.json:225:15 {2}memory: Invalid 'memory' setting for task\. .*got ""\./);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("CloudFormation's PascalCase properties pasted as a definition are named as such, pointing to ecs-sim import", async () => {
    // AWS::ECS::TaskDefinition's Properties (the CloudFormation Template Reference spells the API's fields in PascalCase).
    const r = await cli('run', writeScenario(scenario('definition: { Family: web, ContainerDefinitions: [{ Name: web, Image: nginx, Memory: 256 }] }')));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+ {2}ecs\.taskDefinitions\[0\]\.definition: Family, ContainerDefinitions: CloudFormation's property names \(PascalCase\); a scenario takes the API's JSON, in camelCase \(family, containerDefinitions\), as the AWS CLI prints it\. To start from a CloudFormation or CDK template, run `ecs-sim import template\.json --out scenario\.yaml`/);
    expect(r.err).toContain('ecs.taskDefinitions[0].definition.Family: Unknown parameter in input: "Family", must be one of: family,');
  });

  it('GPU requirements are modelled (placement reserves them), other resource types are named', () => {
    const file = writeScenario(scenario('file: td-template-filled-ec2.json'), ['td-template-filled-ec2.json']);
    expect(namedUnder(runFile(file), 'ecs.taskDefinitions[0].file')).toContain('containerDefinitions[0].resourceRequirements[0]');
    const gpu = writeScenario(scenario('file: td-gpu.json'), ['td-gpu.json']);
    expect(namedUnder(runFile(gpu), 'ecs.taskDefinitions[0].file').filter((f) => f.includes('resourceRequirements'))).toEqual([]);
  });

  it('the CLI summary lists what was not modelled, under its file and field path', async () => {
    const file = writeScenario(scenario('file: td-template-filled-ec2.json'), ['td-template-filled-ec2.json']);
    const r = await cli('run', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('not modelled (accepted; no effect on the run)');
    expect(r.out).toMatch(/⚠ ecs\.taskDefinitions\[0\]\.file: .*containerDefinitions\[0\]\.linuxParameters/);
    expect(r.out).toMatch(/⚠ ecs\.taskDefinitions\[0\]\.file: .*inferenceAccelerators/);
  });
});
