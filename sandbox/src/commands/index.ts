/** The command table: every command the sandbox knows, in one readable list. */
import type { CommandSpec } from '../shell/registry';
import {
  cdCommand, clearCommand, echoCommand, exitCommand, exportCommand, falseCommand, helpCommand, historyCommand,
  hostnameCommand, jobsCommand, killallCommand, killCommand, pwdCommand, sleepCommand, sudoCommand, trueCommand,
} from './machine/shell-builtins';
import { catCommand, lsCommand } from './machine/files';
import { codeCommand, nanoCommand, viCommand } from './machine/editors';
import { ovsOfctlCommand } from './machine/ovs-ofctl';
import { ovsVsctlCommand } from './machine/ovs-vsctl';
import { onosServiceCommand } from './machine/onos-service';
import { initdOnosCommand, serviceCommand } from './machine/service';
import { systemctlCommand } from './machine/systemctl';
import { mnCommand } from './mininet/mn';
import { arpCommand } from './linux/arp';
import { ifconfigCommand } from './linux/ifconfig';
import { ipCommand } from './linux/ip';
import { iperfCommand } from './linux/iperf';
import { wgetCommand } from './linux/wget';
import { curlCommand } from './linux/curl';
import { pingCommand } from './linux/ping';
import { routeCommand } from './linux/route';
import { sysctlCommand } from './linux/sysctl';
import { tracerouteCommand } from './linux/traceroute';
import { tcpdumpCommand } from './linux/tcpdump';
import { grepCommand } from './linux/grep';
import { headCommand } from './linux/head';
import { tailCommand } from './linux/tail';
import { wcCommand } from './linux/wc';
import { sortCommand } from './linux/sort';
import { uniqCommand } from './linux/uniq';
import { onosLoginCommands } from './onos/login';
import { pythonCommand, pythonLegacyCommand } from './linux/python';
import { dockerCommand } from './docker/docker';

export const allCommands: readonly CommandSpec[] = [
  // shell builtins and coreutils
  cdCommand, pwdCommand, echoCommand, exitCommand, clearCommand, historyCommand, helpCommand, sudoCommand,
  trueCommand, falseCommand, exportCommand, jobsCommand, killCommand, killallCommand, sleepCommand, lsCommand, catCommand,
  // editors: open a file in the editor panel beside the terminal
  nanoCommand, viCommand, codeCommand,
  // text tools learners pipe into
  grepCommand, headCommand, tailCommand, wcCommand, sortCommand, uniqCommand,
  // Python (Pyodide) with the mininet package
  pythonCommand, pythonLegacyCommand,
  // Mininet
  mnCommand,
  // networking tools inside nodes
  pingCommand, ifconfigCommand, ipCommand, routeCommand, arpCommand, tracerouteCommand, iperfCommand, tcpdumpCommand,
  wgetCommand, curlCommand,
  hostnameCommand, sysctlCommand,
  // Open vSwitch on the lab machine
  ovsOfctlCommand, ovsVsctlCommand,
  // ONOS on the lab machine: the controller's lifecycle
  onosServiceCommand, serviceCommand, initdOnosCommand, systemctlCommand,
  // the ONOS CLI (Karaf over ssh): onos, /opt/onos/bin/onos, ssh, Karaf's client
  ...onosLoginCommands,
  // Docker on the lab machine
  dockerCommand,
];
