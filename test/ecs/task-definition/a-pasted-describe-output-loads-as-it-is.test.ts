import { describe, expect, it } from 'vitest';
import { TaskDefinitionRegistry, taskDefinitionInputSchema, validateTaskDefinition } from '../../../src/ecs/task-definition/index.js';
import { describeWebApi } from './builders.js';

describe('a pasted describe-task-definition output', () => {
  it('passes the schema and ECS checks with its nulls, epoch timestamps, log options, SSM secrets and docker labels', () => {
    const input = describeWebApi();
    expect(taskDefinitionInputSchema.safeParse(input).success).toBe(true);
    expect(validateTaskDefinition(input)).toEqual([]);
  });

  it('registers as the task definition the model reads', () => {
    const td = new TaskDefinitionRegistry().register(describeWebApi());
    expect({
      family: td.family,
      revision: td.revision,
      arn: td.taskDefinitionArn,
      status: td.status,
      networkMode: td.networkMode,
      cpu: td.cpu,
      memory: td.memory,
      requiresCompatibilities: td.requiresCompatibilities,
      compatibilities: td.compatibilities,
      runtimePlatform: td.runtimePlatform,
      ephemeralStorageGiB: td.ephemeralStorageGiB,
      executionRoleArn: td.executionRoleArn,
    }).toMatchInlineSnapshot(`
      {
        "arn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/web-api:14",
        "compatibilities": [
          "EC2",
          "FARGATE",
        ],
        "cpu": 512,
        "ephemeralStorageGiB": 30,
        "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
        "family": "web-api",
        "memory": 1024,
        "networkMode": "awsvpc",
        "requiresCompatibilities": [
          "FARGATE",
        ],
        "revision": 14,
        "runtimePlatform": {
          "cpuArchitecture": "ARM64",
          "operatingSystemFamily": "LINUX",
        },
        "status": "ACTIVE",
      }
    `);
  });

  it('keeps each container as ECS runs it: secrets by reference, health checks in ms, start order', () => {
    const [migrate, agent, web] = new TaskDefinitionRegistry().register(describeWebApi()).containerDefinitions;
    expect(migrate).toMatchObject({ name: 'db-migrate', essential: false, cpu: 0, portMappings: [] });
    expect(migrate).not.toHaveProperty('memory');
    expect(agent?.healthCheck).toEqual({ command: ['CMD-SHELL', 'agent health'], intervalMs: 10_000, timeoutMs: 5_000, retries: 3, startPeriodMs: 15_000 });
    expect(web).toMatchInlineSnapshot(`
      {
        "cpu": 256,
        "dependsOn": [
          {
            "condition": "SUCCESS",
            "containerName": "db-migrate",
          },
          {
            "condition": "HEALTHY",
            "containerName": "datadog-agent",
          },
        ],
        "environment": [
          {
            "name": "RAILS_ENV",
            "value": "production",
          },
          {
            "name": "DD_SERVICE",
            "value": "web-api",
          },
        ],
        "essential": true,
        "healthCheck": {
          "command": [
            "CMD-SHELL",
            "curl -fs http://localhost:8080/healthz || exit 1",
          ],
          "intervalMs": 15000,
          "retries": 3,
          "startPeriodMs": 60000,
          "timeoutMs": 5000,
        },
        "image": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web-api:2024.05.31-1",
        "logDriver": "awslogs",
        "memoryReservation": 768,
        "name": "web-api",
        "portMappings": [
          {
            "containerPort": 8080,
            "hostPort": 8080,
            "name": "web-api-8080-tcp",
            "protocol": "tcp",
          },
        ],
        "secrets": [
          {
            "name": "DATABASE_URL",
            "valueFrom": "arn:aws:ssm:eu-west-1:111122223333:parameter/web-api/prod/DATABASE_URL",
          },
          {
            "name": "SECRET_KEY_BASE",
            "valueFrom": "arn:aws:ssm:eu-west-1:111122223333:parameter/web-api/prod/SECRET_KEY_BASE",
          },
        ],
        "startTimeoutMs": 120000,
        "stopTimeoutMs": 45000,
      }
    `);
  });

  it('lists what the simulator accepts but does not model, once each', () => {
    expect(new TaskDefinitionRegistry().register(describeWebApi()).ignoredFields).toMatchInlineSnapshot(`
      [
        "containerDefinitions[0].command",
        "containerDefinitions[0].logConfiguration.options",
        "containerDefinitions[1].logConfiguration.options",
        "containerDefinitions[2].portMappings[0].appProtocol",
        "containerDefinitions[2].environmentFiles",
        "containerDefinitions[2].linuxParameters",
        "containerDefinitions[2].versionConsistency",
        "containerDefinitions[2].user",
        "containerDefinitions[2].readonlyRootFilesystem",
        "containerDefinitions[2].dockerLabels",
        "containerDefinitions[2].ulimits",
        "containerDefinitions[2].logConfiguration.options",
        "enableFaultInjection",
        "requiresAttributes",
        "registeredAt",
        "registeredBy",
        "tags",
      ]
    `);
  });
});
