package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bootlog/bootlog/config"
)

// Shell completion reads local files only — the aliyun CLI's profiles, bootlog's settings file
// and the instance cache `bootlog list` writes — and never calls ECS: a completion that waited on
// the network would freeze the operator's prompt.

// registerCompletions attaches value completion to the flags cmd has: --profile, --region and
// --instance. Commands register only the flags they use, so each lookup may find nothing.
func registerCompletions(cmd *cobra.Command, env environ) {
	if cmd.Flags().Lookup("profile") != nil {
		_ = cmd.RegisterFlagCompletionFunc("profile", func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return config.CompletionProfiles(env.get, env.homeDir(), flagString(cmd, "config")), cobra.ShellCompDirectiveNoFileComp
		})
	}
	if cmd.Flags().Lookup("region") != nil {
		_ = cmd.RegisterFlagCompletionFunc("region", func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeRegions(cmd, env), cobra.ShellCompDirectiveNoFileComp
		})
	}
	if cmd.Flags().Lookup("instance") != nil {
		_ = cmd.RegisterFlagCompletionFunc("instance", func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeInstances(cmd, env, toComplete), cobra.ShellCompDirectiveNoFileComp
		})
	}
}

// completeInstanceArg completes a command's one INSTANCE_ID argument.
func completeInstanceArg(env environ) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeInstances(cmd, env, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeRegions offers the regions local files name and those of cached listings.
func completeRegions(cmd *cobra.Command, env environ) []cobra.Completion {
	regions := config.CompletionRegions(env.get, env.homeDir(), flagString(cmd, "config"))
	for _, in := range cachedInstances(cmd, env) {
		if in.Region != "" {
			regions = append(regions, in.Region)
		}
	}
	slices.Sort(regions)
	return slices.Compact(regions)
}

// completeInstances offers cached instance IDs, each described by its name, in the region given
// on the line (all cached regions otherwise). An instance whose name starts with what was typed is
// offered too, so `web-1<TAB>` finds its ID in shells that match descriptions.
func completeInstances(cmd *cobra.Command, env environ, toComplete string) []cobra.Completion {
	region := flagString(cmd, "region")
	var out []cobra.Completion
	for _, in := range cachedInstances(cmd, env) {
		if region != "" && in.Region != region {
			continue
		}
		if !strings.HasPrefix(in.ID, toComplete) && !strings.HasPrefix(in.Name, toComplete) {
			continue
		}
		desc := in.Name
		if in.Region != "" {
			desc = strings.TrimSpace(desc + " (" + in.Region + ")")
		}
		out = append(out, cobra.CompletionWithDesc(in.ID, desc))
	}
	return out
}

// cachedInstances reads the instance cache, keeping the demo fleet apart: with --demo on the line
// only its listings, otherwise only real accounts'.
func cachedInstances(cmd *cobra.Command, env environ) []config.CachedInstance {
	all, err := config.LoadInstanceCache(config.InstanceCachePath(env.get, env.homeDir()))
	if err != nil {
		return nil
	}
	demo := flagBool(cmd, "demo")
	out := all[:0]
	for _, in := range all {
		if (in.Profile == config.DemoCacheProfile) == demo {
			out = append(out, in)
		}
	}
	return out
}

// flagString is a string flag's value, or "" when cmd has no such flag.
func flagString(cmd *cobra.Command, name string) string {
	v, _ := cmd.Flags().GetString(name)
	return v
}

// flagBool is a bool flag's value, or false when cmd has no such flag.
func flagBool(cmd *cobra.Command, name string) bool {
	v, _ := cmd.Flags().GetBool(name)
	return v
}
